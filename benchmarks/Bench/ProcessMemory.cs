using System.Globalization;

namespace OrleansFib.Bench;

/// <summary>Resident memory of a process and all its descendants (a Python server's pool workers count too), from /proc.</summary>
public static class ProcessMemory
{
    /// <summary>Kilobytes, or null where /proc cannot tell (not Linux, no such process).</summary>
    public static long? ResidentKilobytes(int pid)
    {
        if (!File.Exists($"/proc/{pid}/status"))
        {
            return null;
        }

        var parents = new Dictionary<int, int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int id) && TryRead($"{directory}/stat") is { } stat)
            {
                // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[id] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        var tree = new HashSet<int> { pid };
        for (bool grew = true; grew;)
        {
            grew = false;
            foreach ((int child, int parent) in parents)
            {
                grew |= tree.Contains(parent) && tree.Add(child);
            }
        }

        return tree.Sum(id => Rss(id) ?? 0);
    }

    private static long? Rss(int pid) =>
        TryRead($"/proc/{pid}/status")?.Split('\n').FirstOrDefault(line => line.StartsWith("VmRSS:", StringComparison.Ordinal)) is { } line
            ? long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)
            : null;

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
