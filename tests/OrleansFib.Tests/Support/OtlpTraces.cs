using System.Text;

namespace OrleansFib.Tests.Support;

/// <summary>
/// Reads an OTLP <c>ExportTraceServiceRequest</c> (protobuf) just deep enough for tests: resource spans →
/// the resource's <c>service.name</c>, scope spans → the scope's name, spans → name and trace id.
/// </summary>
internal static class OtlpTraces
{
    public static IEnumerable<CollectedSpan> Read(byte[] request)
    {
        foreach (byte[] resourceSpans in Fields(request, 1))
        {
            string service = Fields(resourceSpans, 1).SelectMany(resource => Fields(resource, 1))
                .Select(Attribute).FirstOrDefault(pair => pair.Key == "service.name").Value ?? "";
            foreach (byte[] scopeSpans in Fields(resourceSpans, 2))
            {
                string scope = Fields(scopeSpans, 1).Select(s => Text(s, 1)).FirstOrDefault() ?? "";
                foreach (byte[] span in Fields(scopeSpans, 2))
                {
                    yield return new CollectedSpan(service, scope, Text(span, 5) ?? "", Convert.ToHexString(Fields(span, 1).FirstOrDefault() ?? []));
                }
            }
        }
    }

    private static (string Key, string? Value) Attribute(byte[] keyValue) =>
        (Text(keyValue, 1) ?? "", Fields(keyValue, 2).Select(value => Text(value, 1)).FirstOrDefault());

    private static string? Text(byte[] message, int field) => Fields(message, field).Select(bytes => Encoding.UTF8.GetString(bytes)).FirstOrDefault();

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of a message, skipping the rest.</summary>
    private static IEnumerable<byte[]> Fields(byte[] message, int number)
    {
        int position = 0;
        while (position < message.Length)
        {
            ulong key = Varint(message, ref position);
            int wireType = (int)(key & 7), field = (int)(key >> 3);
            switch (wireType)
            {
                case 0:
                    Varint(message, ref position);
                    break;
                case 1:
                    position += 8;
                    break;
                case 5:
                    position += 4;
                    break;
                case 2:
                    int length = (int)Varint(message, ref position);
                    if (field == number)
                    {
                        yield return message[position..(position + length)];
                    }

                    position += length;
                    break;
                default:
                    throw new FormatException($"unexpected protobuf wire type {wireType}");
            }
        }
    }

    private static ulong Varint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = message[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
