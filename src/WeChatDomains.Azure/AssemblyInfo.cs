namespace WeChatDomains.Azure;
