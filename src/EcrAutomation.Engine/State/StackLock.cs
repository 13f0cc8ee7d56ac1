namespace EcrAutomation.State;

/// <summary>A held stack lock; disposing releases it.</summary>
internal sealed class StackLock(string path) : IDisposable
{
    public void Dispose()
    {
        try { File.Delete(path); } catch (IOException) { }
    }
}
