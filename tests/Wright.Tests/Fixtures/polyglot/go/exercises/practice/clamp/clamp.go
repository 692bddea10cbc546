package clamp

func Clamp(v, lo, hi int) int {
	return v
}
