namespace MerchantDisputes.E2E.Tests;

/// <summary>The data folders the tests' apps ran on.</summary>
public static class TempFolders
{
    /// <summary>Deletes the folder; one a process still holds open is left for the system's temp cleaner.</summary>
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }
}
