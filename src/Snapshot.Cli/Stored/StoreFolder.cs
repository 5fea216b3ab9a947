namespace Snapshot.Cli.Stored;

/// <summary>
/// The local snapshot store's folder a command names, checked before anything starts: the store itself finds a folder
/// it cannot use only when it is first asked, after its timeout.
/// </summary>
public static class StoreFolder
{
    /// <summary>For a command that stores: the folder, or the nearest one above it that exists (the store creates the rest), must be a folder it can write in.</summary>
    /// <exception cref="UsageException">It is a file, or cannot be written.</exception>
    public static void CheckWritable(string path, string option)
    {
        var folder = Path.GetFullPath(path);
        CheckNotAFile(folder, option);
        var existing = folder;
        while (!Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing)!;
            CheckNotAFile(existing, option);
        }
        try
        {
            using var _ = File.Create(Path.Combine(existing, $".snapshot-write-check-{Guid.NewGuid():N}"), 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UsageException(option, $"the snapshot store's folder {folder} cannot be written{(existing == folder ? "" : $" (in {existing})")}: {e.Message}");
        }
    }

    /// <summary>For a command that reads: a file in the folder's place is an error; a folder that does not exist is an empty store, and is not created.</summary>
    /// <exception cref="UsageException">It is a file.</exception>
    public static void CheckReadable(string path, string option) => CheckNotAFile(Path.GetFullPath(path), option);

    private static void CheckNotAFile(string path, string option)
    {
        if (File.Exists(path))
            throw new UsageException(option, $"the snapshot store's folder {path} is a file, not a folder");
    }
}
