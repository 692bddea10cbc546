module clamp

go 1.19
