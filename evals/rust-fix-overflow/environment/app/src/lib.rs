pub fn sum_to(n: u32) -> u32 {
    (1..=n).sum()
}
