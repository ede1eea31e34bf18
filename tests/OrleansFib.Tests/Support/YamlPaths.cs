using YamlDotNet.RepresentationModel;

namespace OrleansFib.Tests.Support;

/// <summary>Reads rendered Kubernetes objects by path (<c>spec.template.spec</c>).</summary>
internal static class YamlPaths
{
    public static YamlNode? At(this YamlNode node, string path)
    {
        YamlNode? current = node;
        foreach (string key in path.Split('.'))
        {
            current = current is YamlMappingNode mapping && mapping.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? child) ? child : null;
        }

        return current;
    }

    public static string? Text(this YamlNode node, string path) => (node.At(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode node, string path) => node.At(path) is YamlSequenceNode sequence ? sequence.Children : [];

    public static Dictionary<string, string> Map(this YamlNode node, string path) =>
        node.At(path) is YamlMappingNode mapping
            ? mapping.Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => ((YamlScalarNode)pair.Value).Value ?? string.Empty, StringComparer.Ordinal)
            : [];

    public static string Kind(this YamlNode node) => node.Text("kind")!;

    public static string Name(this YamlNode node) => node.Text("metadata.name")!;
}
