using System.Runtime.CompilerServices;
using ProcessManager.Kernel;

namespace ProcessManager.Persistence;

/// <summary>
/// The store persistent actors of an <see cref="ActorSystem"/> use. The host opens the store
/// (<see cref="PersistenceStore.OpenAsync"/>), registers it once, and disposes it after the system terminated.
/// </summary>
public static class PersistenceExtension
{
    private static readonly ConditionalWeakTable<ActorSystem, IPersistenceStore> Stores = new();

    /// <summary>Makes <paramref name="store"/> the store of <paramref name="system"/>'s persistent actors.</summary>
    /// <exception cref="InvalidOperationException">A store is registered already.</exception>
    public static ActorSystem UsePersistence(this ActorSystem system, IPersistenceStore store)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(store);
        if (!Stores.TryAdd(system, store))
        {
            throw new InvalidOperationException($"{system} already has a persistence store");
        }

        return system;
    }

    /// <summary>The store registered for <paramref name="system"/>.</summary>
    /// <exception cref="InvalidOperationException">None is registered.</exception>
    public static IPersistenceStore PersistenceStore(this ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Stores.TryGetValue(system, out var store)
            ? store
            : throw new InvalidOperationException(
                $"{system} has no persistence store: call system.UsePersistence(await PersistenceStore.OpenAsync(settings, serializer)) before starting persistent actors");
    }
}
