namespace WeChatDomains.Core;
