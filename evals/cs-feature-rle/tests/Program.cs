bool ok;
try { ok = Rle.Encode("aaabcc") == "3a1b2c" && Rle.Encode("") == ""; } catch (NotImplementedException) { ok = false; }
Console.WriteLine(ok ? "ok" : "wrong");
return ok ? 0 : 1;
