public static class Rle
{
    public static string Encode(string s) => throw new NotImplementedException();
}
