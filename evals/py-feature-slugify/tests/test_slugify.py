from text_utils import slugify, shout
def test_basic(): assert slugify("Hello, World!") == "hello-world"
def test_runs(): assert slugify("  a -- b  ") == "a-b"
def test_keep(): assert shout("a") == "A"
