Console.WriteLine(Rle.Encode(args.Length > 0 ? args[0] : "aab"));
