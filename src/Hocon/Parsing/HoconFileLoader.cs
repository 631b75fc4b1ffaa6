namespace ProcessManager.Hocon;

/// <summary>Reads files by syntax (.conf/.json as HOCON, .properties as Java properties) for documents and includes.</summary>
internal static class HoconFileLoader
{
    private static readonly string[] ExtensionOrder = [".properties", ".json", ".conf"];

    /// <summary>
    /// A name with a known extension loads that file; a name without one loads every file that exists among
    /// name.properties, name.json and name.conf, merged in that order (.conf wins). Null when nothing exists.
    /// </summary>
    public static HoconObject? LoadWithExtensions(string fullName, HoconPath? prefix, ParseContext context, HoconOrigin includedFrom)
    {
        var extension = Path.GetExtension(fullName);
        if (Array.Exists(ExtensionOrder, e => string.Equals(e, extension, StringComparison.OrdinalIgnoreCase)))
        {
            return File.Exists(fullName) ? Load(fullName, prefix, context, includedFrom) : null;
        }

        HoconObject? result = null;
        foreach (var candidate in ExtensionOrder)
        {
            var file = fullName + candidate;
            if (File.Exists(file))
            {
                var loaded = Load(file, prefix, context, includedFrom);
                result = result is null ? loaded : HoconMerge.MergeObjects(result, loaded);
            }
        }

        return result;
    }

    public static HoconObject Load(string fullName, HoconPath? prefix, ParseContext context, HoconOrigin? includedFrom)
    {
        if (context.IncludeStack.Contains(fullName))
        {
            throw new ConfigurationException($"include cycle: {string.Join(" -> ", context.IncludeStack)} -> {fullName}", includedFrom);
        }

        if (context.IncludeStack.Count >= context.Options.MaxIncludeDepth)
        {
            throw new ConfigurationException($"includes are nested deeper than {context.Options.MaxIncludeDepth} files", includedFrom);
        }

        string text;
        try
        {
            text = File.ReadAllText(fullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot read {fullName}: {e.Message}", includedFrom);
        }

        context.IncludeStack.Add(fullName);
        try
        {
            return fullName.EndsWith(".properties", StringComparison.OrdinalIgnoreCase)
                ? PropertiesParser.Parse(text, fullName, context.Options.MaxNestingDepth)
                : HoconParser.Parse(text, fullName, Path.GetDirectoryName(fullName), prefix, context);
        }
        finally
        {
            context.IncludeStack.RemoveAt(context.IncludeStack.Count - 1);
        }
    }
}
