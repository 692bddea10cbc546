import unittest

from leap import leap_year


class LeapTest(unittest.TestCase):
    def test_divisible_by_4(self):
        self.assertIs(leap_year(1996), True)

    def test_divisible_by_100(self):
        self.assertIs(leap_year(1900), False)

    def test_divisible_by_400(self):
        self.assertIs(leap_year(2000), True)
