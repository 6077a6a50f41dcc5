using SyncAdmin.Engine.Sync;

namespace SyncAdmin.Parameters;

/// <summary>Passes the engine's page reports to a writer (WriteProgress). When the writer fails because the pipeline is
/// stopping (Ctrl+C), the failure must not escape into the engine, which would end the job Failed: it becomes the
/// cancellation the engine checks between pages, so the job ends Cancelled.</summary>
internal sealed class ProgressForwarder : IProgress<SyncProgress>
{
    private readonly Action<SyncProgress> _write;
    private readonly Func<Exception, bool> _meansStopping;
    private readonly CancellationTokenSource _stop;

    public ProgressForwarder(Action<SyncProgress> write, Func<Exception, bool> meansStopping, CancellationTokenSource stop)
    {
        _write = write;
        _meansStopping = meansStopping;
        _stop = stop;
    }

    public void Report(SyncProgress value)
    {
        try
        {
            _write(value);
        }
        catch (Exception e) when (_meansStopping(e))
        {
            _stop.Cancel();
        }
    }
}
