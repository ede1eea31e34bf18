using System.Buffers;

namespace OrleansFib.Gateway.Protocol;

/// <summary>One request's bytes (without the newline), or an over-long line that must be answered <c>ERR line too long</c>.</summary>
public readonly record struct Frame(ReadOnlySequence<byte> Line, bool TooLong);
