package clamp

import "testing"

func TestClamp(t *testing.T) {
	if Clamp(-1, 0, 5) != 0 || Clamp(9, 0, 5) != 5 || Clamp(3, 0, 5) != 3 {
		t.Fatal("wrong")
	}
}
