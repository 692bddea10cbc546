using System.Text.Json;
using Wright.Tests.E2E;

namespace Wright.Tests.Safety;

/// <summary>
/// Instruction files (AGENTS.md, CLAUDE.md, …) are read by the host at start, from a workspace the sandbox can write:
/// one planted as a FIFO must not hang the start, and one planted as a link to a host secret must not reach the model.
/// Through the real binary against aimock.
/// </summary>
public sealed class InstructionFileTests
{
    [Fact]
    public async Task A_fifo_or_a_link_out_as_an_instruction_file_neither_hangs_nor_leaks()
    {
        await using var mock = await AimockServer.StartAsync("""{"fixtures":[{"match":{"userMessage":"hello"},"response":{"content":"Hi."}}]}""");
        using var wright = new WrightProcess { Environment = { ["DEEPSEEK_BASE_URL"] = mock.BaseUrl + "/v1", ["DEEPSEEK_API_KEY"] = "k" } };
        Directory.CreateDirectory(wright.File(".git"));
        DirectorySwapper.MakeFifo(wright.File("AGENTS.md"));
        var sub = wright.File("sub");
        Directory.CreateDirectory(sub);
        var secret = Path.Combine(wright.Root, "id_secret");
        File.WriteAllText(secret, "SECRET-KEY-MATERIAL");
        File.CreateSymbolicLink(Path.Combine(sub, "CLAUDE.md"), secret);
        File.WriteAllText(wright.File("GEMINI.md"), "unused: AGENTS.md comes first");

        var run = await wright.RunAsync("-p", "hello", "--model", "deepseek/deepseek-chat", "--output-format", "json", "--cwd", sub);

        Assert.True(run.ExitCode == 0, run.ToString());
        var journal = await mock.JournalAsync();
        var request = journal.EnumerateArray().Last(e => e.GetProperty("path").GetString() == "/v1/chat/completions");
        var sent = request.GetProperty("body").GetRawText();
        Assert.Contains("hello", sent);
        Assert.DoesNotContain("SECRET-KEY-MATERIAL", sent);
    }
}
