from report import total, total_price, total_weight
items = [{"price": 2, "weight": 5}, {"price": 3, "weight": 7}]
def test_total(): assert total(items, "weight") == 12
def test_price(): assert total_price(items) == 5
def test_weight(): assert total_weight(items) == 12
