use task::sum_to;
#[test]
fn big() {
    let v: u64 = sum_to(100000);
    assert_eq!(v, 5000050000);
}
