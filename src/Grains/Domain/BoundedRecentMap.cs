namespace MHA.Grains.Domain;

/// <summary>
/// A map that remembers the most recent <c>capacity</c> keys and forgets the oldest first, so that
/// deduplication and late-event detection use bounded memory however long the engine runs.
/// </summary>
public sealed class BoundedRecentMap<TValue>(int capacity)
{
    private readonly Dictionary<ulong, TValue> _values = new();
    private readonly Queue<ulong> _order = new();

    public int Count => _values.Count;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public bool TryGetValue(ulong key, out TValue value) => _values.TryGetValue(key, out value!);

    public bool ContainsKey(ulong key) => _values.ContainsKey(key);

    public void Set(ulong key, TValue value)
    {
        if (_values.TryAdd(key, value))
        {
            _order.Enqueue(key);
            while (_values.Count > Capacity)
            {
                _values.Remove(_order.Dequeue());
            }
        }
        else
        {
            _values[key] = value;
        }
    }

}
