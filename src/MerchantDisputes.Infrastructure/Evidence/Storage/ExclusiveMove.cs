using System.Runtime.InteropServices;

namespace MerchantDisputes.Infrastructure.Evidence.Storage;

/// <summary>
/// Moves a file to a name that must not exist yet, atomically. On Windows <see cref="File.Move(string, string, bool)"/>
/// without overwrite is one MoveFileEx call that fails on a taken name. On Unix .NET checks the name and then
/// renames, and rename replaces: two writers can both pass the check and the later one silently wins. There a
/// hard link is made instead (link(2) fails with EEXIST on a taken name, in one step) and the source unlinked.
/// </summary>
internal static class ExclusiveMove
{
    private const int AlreadyExists = 17; // EEXIST on Linux and macOS

    /// <summary>Moves <paramref name="source"/> to <paramref name="target"/>; false when the target name is taken.</summary>
    public static bool TryMove(string source, string target)
    {
        if (OperatingSystem.IsWindows())
        {
            return TryMoveOnWindows(source, target);
        }

        if (NativeMethods.Link(source, target) == 0)
        {
            File.Delete(source);
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == AlreadyExists
            ? false
            : throw new IOException($"Could not link '{source}' to '{target}' (errno {error}).", error);
    }

    private static bool TryMoveOnWindows(string source, string target)
    {
        try
        {
            File.Move(source, target, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(target))
        {
            return false;
        }
    }

    private static class NativeMethods
    {
        internal static int Link(string existingPath, string newPath) => Link(CString(existingPath), CString(newPath));

        /// <summary>Paths go down as NUL-terminated UTF-8 bytes, so no string marshalling is involved.</summary>
        private static byte[] CString(string path) => System.Text.Encoding.UTF8.GetBytes(path + '\0');

        // DllImport rather than LibraryImport: the latter's generated stub needs unsafe code in the project.
        [DllImport("libc", EntryPoint = "link", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054
        private static extern int Link(byte[] existingPath, byte[] newPath);
#pragma warning restore SYSLIB1054
    }
}
