using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;
using WeChatWish.Console;
using WeChatWish.Console.Api;
using WeChatWish.Console.Auth;
using WeChatWish.Console.Shared;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// The API is the host that serves the console, so its address is the page's origin, whatever nginx puts in front.
var origin = new Uri(new Uri(builder.HostEnvironment.BaseAddress).GetLeftPart(UriPartial.Authority));
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = origin });
builder.Services.AddScoped<Session>();
builder.Services.AddScoped<ApiClient>();
builder.Services.AddScoped<ReferenceData>();
builder.Services.AddMudServices(options =>
{
    options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopCenter;
    options.SnackbarConfiguration.VisibleStateDuration = 4000;
});
builder.Services.Replace(ServiceDescriptor.Transient<MudLocalizer, ChineseMudLocalizer>());

await builder.Build().RunAsync();
