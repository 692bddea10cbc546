export function makeCounter(start) {
  let v = start || 0;
  return { increment() { v++; }, get value() { return v; } };
}
