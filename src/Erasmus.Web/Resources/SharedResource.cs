namespace Erasmus.Web;

/// <summary>
/// Marker for the one shared string table. Keys are the bokmål texts (the default language);
/// Resources/SharedResource.en.resx holds the English ones.
/// </summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T>; never instantiated.
public sealed class SharedResource
#pragma warning restore CA1052
{
    private SharedResource()
    {
    }
}
