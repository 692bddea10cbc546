using System.Text.Json;
using Wright.Runtime.Configuration;

namespace Wright.Tests.Runtime.Configuration;

/// <summary>What the first-run setup saves: a key in $WRIGHT_HOME with mode 0600 (or a variable's name) and the model.</summary>
public sealed class FirstRunSetupTests
{
    private static (string Home, Func<string, string?> Environment) Home(Dictionary<string, string>? variables = null)
    {
        var home = Path.Combine(Directory.CreateTempSubdirectory("wright-setup-").FullName, "home");
        var env = new Dictionary<string, string>(variables ?? [], StringComparer.Ordinal) { ["WRIGHT_HOME"] = home };
        return (home, name => env.GetValueOrDefault(name));
    }

    [Fact]
    public void A_stored_key_is_written_0600_and_read_only_when_the_variable_is_not_set()
    {
        var (home, environment) = Home();
        var file = FirstRunSetup.StoreKey(environment, "deepseek", " sk-stored \n");
        Assert.Equal(Path.Combine(home, "credentials.json"), file);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal("sk-stored", StoredKeys.Over(environment, home)("DEEPSEEK_API_KEY"));
        FirstRunSetup.StoreKey(environment, "anthropic", "sk-ant");
        Assert.Equal(["ANTHROPIC_API_KEY", "DEEPSEEK_API_KEY"], StoredKeys.Load(home).Keys.Order(StringComparer.Ordinal));

        var (_, withVariable) = Home(new() { ["DEEPSEEK_API_KEY"] = "sk-env" });
        Assert.Equal("sk-env", StoredKeys.Over(withVariable, home)("DEEPSEEK_API_KEY"));
        Assert.Null(StoredKeys.Over(environment, home)("OPENAI_API_KEY"));
    }

    [Fact]
    public async Task A_credentials_file_planted_as_a_link_or_a_fifo_is_as_none_and_never_blocks()
    {
        var (home, environment) = Home();
        Directory.CreateDirectory(home);
        var file = StoredKeys.PathOf(home);
        // A link to someone else's file with a key in it (their endpoint would get our requests with their key), and
        // one to an endless device: neither is read.
        var theirs = Path.Combine(Path.GetDirectoryName(home)!, "theirs.json");
        File.WriteAllText(theirs, """{"DEEPSEEK_API_KEY":"sk-planted"}""");
        File.CreateSymbolicLink(file, theirs);
        Assert.Empty(StoredKeys.Load(home));
        File.Delete(file);
        File.CreateSymbolicLink(file, "/dev/zero");
        Assert.Empty(StoredKeys.Load(home));
        File.Delete(file);
        // A FIFO: reading it would wait for a writer forever (every start of wright would hang).
        using (var mkfifo = System.Diagnostics.Process.Start("/usr/bin/mkfifo", [file]))
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
        var load = Task.Run(() => StoredKeys.Load(home), TestContext.Current.CancellationToken);
        Assert.Empty(await load.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        File.Delete(file);
        // Saving replaces what was planted with a regular 0600 file of ours.
        File.CreateSymbolicLink(file, theirs);
        FirstRunSetup.StoreKey(environment, "deepseek", "sk-mine");
        Assert.Null(new FileInfo(file).LinkTarget);
        Assert.Equal("""{"DEEPSEEK_API_KEY":"sk-planted"}""", File.ReadAllText(theirs));
        Assert.Equal("sk-mine", StoredKeys.Load(home)["DEEPSEEK_API_KEY"]);
    }

    [Fact]
    public void A_broken_credentials_file_is_as_if_none_were_stored()
    {
        var (home, environment) = Home();
        Directory.CreateDirectory(home);
        File.WriteAllText(Path.Combine(home, "credentials.json"), "{ not json");
        Assert.Empty(StoredKeys.Load(home));
        Assert.Null(StoredKeys.Over(environment, home)("DEEPSEEK_API_KEY"));
    }

    [Fact]
    public void The_model_and_a_key_variable_go_into_the_users_config_and_end_the_first_run()
    {
        var (home, environment) = Home();
        var workspace = Directory.CreateTempSubdirectory("wright-setup-ws-").FullName;
        Assert.True(FirstRunSetup.IsNeeded(null, workspace, environment));
        Assert.False(FirstRunSetup.IsNeeded("deepseek/deepseek-chat", workspace, environment));
        FirstRunSetup.UseKeyVariable(environment, "moonshot", "MY_KIMI_KEY");
        var file = FirstRunSetup.SaveModel(environment, "moonshot/kimi-k2");
        using var config = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal("moonshot/kimi-k2", config.RootElement.GetProperty("model").GetString());
        Assert.Equal("MY_KIMI_KEY", config.RootElement.GetProperty("providers").GetProperty("moonshot").GetProperty("api_key_env").GetString());
        Assert.False(FirstRunSetup.IsNeeded(null, workspace, environment));
        Assert.Throws<ConfigException>(() => FirstRunSetup.UseKeyVariable(environment, "moonshot", "rm -rf"));
        Assert.Throws<ConfigException>(() => FirstRunSetup.SaveModel(environment, "no-slash"));
    }

    [Fact]
    public async Task Providers_with_a_key_come_before_the_others_and_each_offers_its_catalog_models()
    {
        var (_, environment) = Home(new() { ["MOONSHOT_API_KEY"] = "k", ["OLLAMA_BASE_URL"] = "http://127.0.0.1:9/v1", ["LMSTUDIO_BASE_URL"] = "http://127.0.0.1:9/v1" });
        var providers = await FirstRunSetup.ProvidersAsync(environment, TestContext.Current.CancellationToken);
        Assert.Equal("moonshot", providers[0].Id);
        Assert.True(providers[0].HasKey);
        Assert.DoesNotContain(providers, p => p.IsLocal);
        Assert.Contains("gpt-4.1", providers.Single(p => p.Id == "openai-chat").Models);
        Assert.Equal("ANTHROPIC_API_KEY", providers.Single(p => p.Id == "anthropic").KeyVariable);
    }

    [Fact]
    public void Keys_are_found_as_a_session_finds_them_stored_set_or_configured()
    {
        var (home, environment) = Home(new() { ["MY_KIMI_KEY"] = "k" });
        FirstRunSetup.StoreKey(environment, "deepseek", "sk-stored");
        var configured = new Dictionary<string, Wright.Providers.ProviderOverride> { ["moonshot"] = new() { ApiKeyVariable = "MY_KIMI_KEY" } };

        var keys = ProviderKeys.Present(environment, home, configured);
        Assert.Equal([new ProviderKey("deepseek", "DEEPSEEK_API_KEY", Stored: true), new ProviderKey("moonshot", "MY_KIMI_KEY", Stored: false)], keys);

        // A set variable wins over the stored key.
        var (_, withVariable) = Home(new() { ["DEEPSEEK_API_KEY"] = "sk-env" });
        Assert.Equal([new ProviderKey("deepseek", "DEEPSEEK_API_KEY", Stored: false)], ProviderKeys.Present(withVariable, home, new Dictionary<string, Wright.Providers.ProviderOverride>()));
    }

    [Fact]
    public void The_first_run_and_config_set_share_one_atomic_writer_that_keeps_modes_and_never_follows_a_planted_link()
    {
        var (home, environment) = Home();
        var file = FirstRunSetup.SaveModel(environment, "deepseek/deepseek-chat");
        Assert.Equal(ConfigFileEditor.PrivateMode, File.GetUnixFileMode(file));

        // An existing file keeps its mode, its settings (comments and trailing commas are read) and gains the change.
        File.WriteAllText(file, "{\n  // mine\n  \"max_turns\": 7,\n}\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var outside = Path.Combine(Path.GetDirectoryName(home)!, "outside.txt");
        File.WriteAllText(outside, "untouched");
        File.CreateSymbolicLink(file + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), outside);
        FirstRunSetup.SaveModel(environment, "moonshot/kimi-k2");
        using (var config = JsonDocument.Parse(File.ReadAllText(file)))
        {
            Assert.Equal("moonshot/kimi-k2", config.RootElement.GetProperty("model").GetString());
            Assert.Equal(7, config.RootElement.GetProperty("max_turns").GetInt32());
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(file));
        Assert.Equal("untouched", File.ReadAllText(outside));
        Assert.Equal([Path.GetFileName(file)], Directory.GetFiles(home, "config.json*").Select(Path.GetFileName));

        // A file that is not an object is an error and stays as it was.
        File.WriteAllText(file, "[1]");
        Assert.Throws<ConfigException>(() => ConfigFileEditor.Update(file, root => root["model"] = "x/y", ConfigFileEditor.PrivateMode));
        Assert.Equal("[1]", File.ReadAllText(file));

        // A new project config is shared (0644), its .wright directory private to the user.
        var project = Path.Combine(Directory.CreateTempSubdirectory("wright-setup-ws-").FullName, ".wright", "config.json");
        ConfigFileEditor.Update(project, root => root["effort"] = "high", ConfigFileEditor.SharedMode);
        Assert.Equal(ConfigFileEditor.SharedMode, File.GetUnixFileMode(project));
        Assert.Equal("{\n  \"effort\": \"high\"\n}\n", File.ReadAllText(project));
    }
}
