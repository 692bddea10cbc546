package task

import "testing"

func TestWordCount(t *testing.T) {
	m := WordCount("Go go  stop")
	if m["go"] != 2 || m["stop"] != 1 || len(m) != 2 {
		t.Fatalf("got %v", m)
	}
}
