using System.Buffers;

namespace MHA.Producer.Simulation;

/// <summary>One reusable UTF-8 buffer per writer, cleared on each rent, so writing an event allocates only its string.</summary>
internal sealed class ReusableUtf8Buffer
{
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    public ArrayBufferWriter<byte> Rent()
    {
        _buffer.ResetWrittenCount();
        return _buffer;
    }
}
