using System.Text;
using Akka.Actor;
using ProcessManager.Actors.Processes.Events;
using ProcessManager.Actors.Processes.Protocol;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Console;

public sealed class SourceFileJournalTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("source-file-tests");
    private readonly ProcessEventSerializer _serializer;

    public SourceFileJournalTests() => _serializer = new ProcessEventSerializer((ExtendedActorSystem)_system);

    [Fact]
    public void An_apps_source_file_is_persisted_with_its_declaration()
    {
        var declared = new AppDeclared(new ProcessSpec { Name = "web", Argv = ["sleep", "1"], SourceFile = "/srv/apps.conf" }, DesiredState.Running);

        var read = (AppDeclared)_serializer.FromBinary(_serializer.ToBinary(declared), _serializer.Manifest(declared));

        Assert.Equal("/srv/apps.conf", read.Spec.SourceFile);
    }

    [Fact]
    public void A_declaration_written_before_source_files_were_recorded_reads_back_without_one()
    {
        var old = Encoding.UTF8.GetBytes("""{"spec":{"name":"web","argv":["sleep","1"],"instances":1},"desired":"running"}""");

        var read = (AppDeclared)_serializer.FromBinary(old, "declared.v1");

        Assert.Equal("web", read.Spec.Name);
        Assert.Null(read.Spec.SourceFile);
    }

    public void Dispose() => _system.Dispose();
}
