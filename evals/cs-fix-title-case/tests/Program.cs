var ok = Text.TitleCase("hello big WORLD") == "Hello Big World" && Text.TitleCase("") == "";
Console.WriteLine(ok ? "ok" : "wrong: " + Text.TitleCase("hello big WORLD"));
return ok ? 0 : 1;
