using Wright.Node.Hosting;

namespace Wright.Node.Grains;

/// <summary>The <see cref="ISweeperGrain"/>: its reminder survives every node (Orleans reminders in PostgreSQL).</summary>
internal sealed class SweeperGrain(Fleet fleet) : Grain, ISweeperGrain, IRemindable
{
    public async Task StartAsync()
    {
        await this.RegisterOrUpdateReminder("sweep", TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        fleet.Sweep();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        fleet.Sweep();
        return Task.CompletedTask;
    }
}
