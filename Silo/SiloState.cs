namespace OrleansFib.Silo;

/// <summary>Whether the silo takes new calls. Draining starts with SIGTERM and never ends.</summary>
public sealed class SiloState
{
    private volatile bool _draining;

    public bool Draining => _draining;

    public void Drain() => _draining = true;
}
