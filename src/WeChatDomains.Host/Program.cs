using WeChatDomains.Host;

var builder = WebApplication.CreateBuilder(args);
builder.AddWeChatDomainsHost();

var app = builder.Build();
app.UseWeChatDomainsHost();
app.Run();
