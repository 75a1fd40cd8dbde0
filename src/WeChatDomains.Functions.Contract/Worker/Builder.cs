// COMPILE-ONLY CONTRACT (never deployed): mirrors Microsoft.Azure.Functions.Worker.Builder (Worker.Core and
// Worker.Extensions.Http.AspNetCore). Program.cs compiles against it; nothing here can start a worker.
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WeChatDomains.Functions.Contract;

namespace Microsoft.Azure.Functions.Worker.Builder;

/// <summary>Mirror of <c>FunctionsApplication</c>.</summary>
public static class FunctionsApplication
{
    /// <summary>Mirror of <c>FunctionsApplication.CreateBuilder(string[] args)</c>.</summary>
    public static FunctionsApplicationBuilder CreateBuilder(string[] args) => throw new NotSupportedException(ContractNotice.Text);
}

/// <summary>Mirror of <c>FunctionsApplicationBuilder</c> (the <see cref="IHostApplicationBuilder"/> part the project uses).</summary>
public class FunctionsApplicationBuilder : IHostApplicationBuilder
{
    private FunctionsApplicationBuilder()
    {
    }

    /// <inheritdoc />
    public IDictionary<object, object> Properties => throw new NotSupportedException(ContractNotice.Text);

    /// <inheritdoc />
    public IConfigurationManager Configuration => throw new NotSupportedException(ContractNotice.Text);

    /// <inheritdoc />
    public IHostEnvironment Environment => throw new NotSupportedException(ContractNotice.Text);

    /// <inheritdoc />
    public ILoggingBuilder Logging => throw new NotSupportedException(ContractNotice.Text);

    /// <inheritdoc />
    public IMetricsBuilder Metrics => throw new NotSupportedException(ContractNotice.Text);

    /// <inheritdoc />
    public IServiceCollection Services => throw new NotSupportedException(ContractNotice.Text);

    /// <summary>Builds the worker host.</summary>
    public IHost Build() => throw new NotSupportedException(ContractNotice.Text);

    /// <inheritdoc />
    public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null)
        where TContainerBuilder : notnull =>
        throw new NotSupportedException(ContractNotice.Text);
}

/// <summary>Mirror of <c>FunctionsApplicationBuilderAspNetCoreExtensions</c>.</summary>
public static class FunctionsApplicationBuilderAspNetCoreExtensions
{
    /// <summary>Turns on the ASP.NET Core integration (HttpRequest / IActionResult in HTTP functions).</summary>
    public static FunctionsApplicationBuilder ConfigureFunctionsWebApplication(this FunctionsApplicationBuilder builder) =>
        throw new NotSupportedException(ContractNotice.Text);
}
