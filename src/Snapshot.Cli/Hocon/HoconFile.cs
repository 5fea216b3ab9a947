using System.Text;
using Akka.Configuration;

namespace Snapshot.Cli.Hocon;

/// <summary>
/// A HOCON file given on the command line, read so that nothing in it can hang or crash the command: each problem is
/// one <see cref="UsageException"/> naming the option, the file and, where there is one, the line.
/// </summary>
public static class HoconFile
{
    /// <summary>A node's settings fit in far less; a bigger "configuration" is some other file given by mistake.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Config Read(string path, string option)
    {
        var text = Text(path, option);
        // A control character that is not whitespace (NUL, escape, …) means a binary file.
        var controlCharacter = Array.FindIndex(text.ToCharArray(), c => char.IsControl(c) && !char.IsWhiteSpace(c));
        if (controlCharacter >= 0)
            throw new UsageException(option, $"{path}:{LineOf(text, controlCharacter)}: not a text file: it holds the control character U+{(int)text[controlCharacter]:X4}");
        try
        {
            HoconSyntax.Check(text);
        }
        catch (HoconSyntaxException e)
        {
            throw new UsageException(option, $"{path}:{e.Line}: not valid HOCON: {e.Problem}");
        }
        Config config;
        try
        {
            config = ConfigurationFactory.ParseString(text);
        }
        catch (Exception e)
        {
            throw new UsageException(option, $"'{path}' is not valid HOCON: {e.Message.Split('\n')[0]}");
        }
        if (SubstitutionCycle.Find(config.Root) is { } cycle)
            throw new UsageException(option, $"'{path}' is not valid HOCON: the substitution ${{{cycle}}} refers to itself, directly or through other settings");
        return config;
    }

    private static string Text(string path, string option)
    {
        if (Directory.Exists(path))
            throw new UsageException(option, $"'{path}' is a folder, not a file");
        try
        {
            // Devices, pipes and the like report no length: reading one could wait or run forever, so only a
            // regular file with something in it is opened.
            var length = new FileInfo(path).Length;
            if (length == 0)
                throw new UsageException(option, $"'{path}' is empty or not a regular file (a device or a pipe, say)");
            if (length > MaxBytes)
                throw new UsageException(option, $"'{path}' is {length} bytes, more than a configuration file's {MaxBytes / 1024 / 1024} MiB");
            using var file = File.OpenRead(path);
            var bytes = new byte[length];
            file.ReadExactly(bytes);
            return StrictUtf8.GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new UsageException(option, $"'{path}' is not a text file: it is not UTF-8");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException(option, $"cannot read '{path}': {e.Message}");
        }
    }

    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}
