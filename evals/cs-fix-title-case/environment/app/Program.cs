Console.WriteLine(Text.TitleCase(args.Length > 0 ? args[0] : "hello world"));
