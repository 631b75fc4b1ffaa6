global using ProcessManager.Kernel.TestKit;
global using Xunit;
