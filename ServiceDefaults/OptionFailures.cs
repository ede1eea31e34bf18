using Microsoft.Extensions.Options;

namespace OrleansFib.Hosting;

/// <summary>Collects what is wrong with the cluster settings, which are read before the host is built (data annotations validate the rest).</summary>
public sealed class OptionFailures
{
    private readonly List<string> _failures = [];

    public ValidateOptionsResult Result => _failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_failures);

    public void Add(string failure) => _failures.Add(failure);

    /// <summary>Fails unless <paramref name="min"/> ≤ <paramref name="value"/> ≤ <paramref name="max"/>.</summary>
    public void Range<T>(string setting, T value, T min, T max)
        where T : IComparable<T>
    {
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0)
        {
            _failures.Add($"{setting} must be between {min} and {max}; it is {value}.");
        }
    }
}
