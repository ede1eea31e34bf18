using System.Diagnostics;
using System.Diagnostics.Metrics;
using OrleansFib.Grains;

namespace OrleansFib.Gateway;

/// <summary>The gateway's request instruments: requests by outcome and their latency, where they were computed, retries, silo calls. (Connections and silos are observed where their state lives: <see cref="FibConnectionHandler"/>, <see cref="Routing.RoutingTable"/>.)</summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "OrleansFib.Gateway";

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _routed;
    private readonly Counter<long> _retries;
    private readonly Histogram<double> _siloCallDuration;

    public GatewayMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>("orleansfib.gateway.requests", "{request}", "Requests answered, by outcome: ok, or the kind of ERR");
        _duration = _meter.CreateHistogram<double>("orleansfib.gateway.request.duration", "s", "Time from reading a request to having its answer");
        _routed = _meter.CreateCounter<long>("orleansfib.gateway.routed", "{request}", "Requests by where they were computed: local (the gateway) or silo");
        _retries = _meter.CreateCounter<long>("orleansfib.gateway.retries", "{call}", "Silo calls retried on another silo");
        _siloCallDuration = _meter.CreateHistogram<double>("orleansfib.gateway.silo.call.duration", "s", "Duration of one call to a silo, by silo");
    }

    public void Answered(FibOutcome outcome, long startedTimestamp)
    {
        _requests.Add(1, new KeyValuePair<string, object?>("outcome", FibOutcomeLabel.Of(outcome)));
        _duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);
    }

    public void Routed(bool local) => _routed.Add(1, new KeyValuePair<string, object?>("route", local ? "local" : "silo"));

    public void Retried() => _retries.Add(1);

    public void SiloCalled(string silo, long startedTimestamp) =>
        _siloCallDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, new KeyValuePair<string, object?>("silo", silo));

}
