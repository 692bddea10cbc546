with open("table.txt", "w") as f:
    for i in range(1, 6):
        f.write(f"{i} {i * i}\n")
