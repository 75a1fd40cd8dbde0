using WeChatDomains.Sandbox;

await SandboxApp.Build(args).RunAsync();
