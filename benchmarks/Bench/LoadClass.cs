namespace OrleansFib.Bench;

/// <summary>A group of connections that each ask F(<paramref name="N"/>) in a loop.</summary>
public sealed record LoadClass(string Name, int Connections, int N);
