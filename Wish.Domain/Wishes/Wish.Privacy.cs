namespace Wish;

public sealed partial class Wish
{
    /// <summary>Drops the wish's photos when its beneficiary's personal data is erased: they show the person or their home.</summary>
    public void RemovePhotos() => _photos.Clear();
}
