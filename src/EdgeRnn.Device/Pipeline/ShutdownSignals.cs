using System.Runtime.InteropServices;

namespace EdgeRnn.Device.Pipeline;

/// <summary>
/// Turns SIGTERM (systemd stop, <c>kill</c>) and SIGINT (Ctrl-C) into a cancellation, so the run stops after the current
/// sample, saves its state, releases its GPIO line and prints its summary. A second signal while stopping is left to the
/// runtime's default (immediate exit).
/// </summary>
internal sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly PosixSignalRegistration[] _registrations;

    /// <summary>Starts listening for the signals.</summary>
    /// <param name="stop">Cancelled at the first signal.</param>
    public ShutdownSignals(CancellationTokenSource stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        _stop = stop;
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
        ];
    }

    /// <summary>The signal that stopped the run, or null.</summary>
    public PosixSignal? Received { get; private set; }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }

    private void Handle(PosixSignalContext context)
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        Received = context.Signal;
        context.Cancel = true;
        _stop.Cancel();
    }
}
