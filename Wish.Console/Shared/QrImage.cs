using QRCoder;

namespace WeChatWish.Console.Shared;

/// <summary>A QR code as a PNG data URI, drawn in the browser by QRCoder's managed PNG writer.</summary>
public static class QrImage
{
    public static string DataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(10);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
