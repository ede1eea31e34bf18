namespace OrleansFib.Hosting;

/// <summary>
/// Short command-line switches shared by the gateway and the silo, mapped onto configuration keys,
/// so <c>--max-n 40</c> and <c>FibGrain__MaxN=40</c> are the same setting.
/// </summary>
public static class CommandLineSwitches
{
    /// <summary>The FibGrain switches every host that runs workers accepts.</summary>
    public static IReadOnlyDictionary<string, string> FibGrain { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--algorithm"] = "FibGrain:Algorithm",
        ["--max-n"] = "FibGrain:MaxN",
        ["--workers"] = "FibGrain:Workers",
    };

    /// <summary>The cluster switches of every process that joins the cluster (silo, or client).</summary>
    public static IReadOnlyDictionary<string, string> Orleans { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--clustering"] = "Cluster:Clustering",
        ["--cluster-id"] = "Cluster:ClusterId",
        ["--silo-port"] = "Cluster:SiloPort",
        ["--gateway-port"] = "Cluster:GatewayPort",
        ["--advertise"] = "Cluster:AdvertisedAddress",
        ["--listen"] = "Cluster:ListenAddress",
        ["--dashboard"] = "Cluster:Dashboard",
        ["--tls-cert"] = "Cluster:Tls:CertificatePath",
        ["--tls-key"] = "Cluster:Tls:KeyPath",
        ["--tls-ca"] = "Cluster:Tls:CaPath",
    };

    /// <summary>The shared maps and the host's own in one, as the configuration provider takes them.</summary>
    public static Dictionary<string, string> Combine(IReadOnlyDictionary<string, string> host) =>
        FibGrain.Concat(Orleans).Concat(host).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    /// <summary>
    /// The first argument that is neither a known switch nor a configuration key (<c>--Section:Key=value</c>),
    /// so that a typo fails at start instead of being ignored; null when all are known.
    /// </summary>
    public static string? FindUnknown(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> switches)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(switches);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith('-'))
            {
                return arg;
            }

            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? arg : arg[..equals];
            if (!switches.ContainsKey(name) && !name.Contains(':', StringComparison.Ordinal))
            {
                return name;
            }

            if (equals < 0)
            {
                i++; // the value follows as its own argument
            }
        }

        return null;
    }

    /// <summary>The usage text: one line per switch and the configuration key it sets.</summary>
    public static string Usage(string program, IReadOnlyDictionary<string, string> switches)
    {
        ArgumentNullException.ThrowIfNull(switches);
        IEnumerable<string> lines = switches.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"  {pair.Key,-20} {pair.Value}");
        return $"""
            usage: {program} [--switch value]... [--Section:Key=value]...

            switches (each sets a configuration key; the environment's Section__Key does the same):
            {string.Join(Environment.NewLine, lines)}
            """;
    }
}
