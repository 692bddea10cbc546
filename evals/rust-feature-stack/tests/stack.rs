use task::Stack;
#[test]
fn peek_and_len() {
    let mut s = Stack::new();
    assert_eq!(s.peek(), None);
    s.push(1);
    s.push(2);
    assert_eq!(s.peek(), Some(&2));
    assert_eq!(s.len(), 2);
    s.pop();
    assert_eq!(s.len(), 1);
}
