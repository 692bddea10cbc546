def total_price(items):
    t = 0
    for i in items:
        t += i["price"]
    return t
def total_weight(items):
    t = 0
    for i in items:
        t += i["price"]
    return t
