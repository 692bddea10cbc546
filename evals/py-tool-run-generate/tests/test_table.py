def test_table():
    assert open("table.txt").read() == "".join(f"{i} {i * i}\n" for i in range(1, 6))
