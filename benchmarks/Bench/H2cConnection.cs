using System.Globalization;
using System.Net;
using System.Text;

namespace OrleansFib.Bench;

/// <summary>
/// A client of an h2c server (<c>Bench serve-h2c</c>): each ask is one HTTP/2 request, <c>GET /fib/N</c>.
/// The workers of one run share one HTTP/2 connection, their requests multiplexed on it, as the calls
/// of a service-to-service HTTP/2 tier are.
/// </summary>
public sealed class H2cConnection(HttpClient client) : IAskingConnection
{
    public string? LastProblem { get; private set; }

    public bool IsBroken { get; private set; }

    /// <summary>One client for all the workers of a run: prior-knowledge HTTP/2 (no TLS, no upgrade), one connection.</summary>
    public static HttpClient CreateClient(IPEndPoint server, TimeSpan timeout) =>
        new(new SocketsHttpHandler { EnableMultipleHttp2Connections = false, ConnectTimeout = timeout, UseProxy = false })
        {
            BaseAddress = new Uri($"http://{server}/"),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = timeout,
        };

    public Outcome Ask(byte[] request, int n)
    {
        try
        {
            // HttpClient has no synchronous HTTP/2: this worker's own thread waits, as a blocking socket client would.
            using HttpResponseMessage response = client.GetAsync(string.Create(CultureInfo.InvariantCulture, $"fib/{n}")).GetAwaiter().GetResult();
            byte[] body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            if (response.IsSuccessStatusCode && body.AsSpan().SequenceEqual(ExpectedAnswers.For(n)))
            {
                return Outcome.Correct;
            }

            LastProblem = $"{n}: {(int)response.StatusCode} {Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 80)).TrimEnd()}";
            return response.IsSuccessStatusCode ? Outcome.Wrong : Outcome.Error;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            (LastProblem, IsBroken) = ($"{n}: {e.Message}", true);
            return Outcome.Error;
        }
    }

    /// <summary>The shared client belongs to the run, which disposes it.</summary>
    public void Dispose()
    {
    }
}
