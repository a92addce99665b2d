using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WeChatWish.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class FinalMinutesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ServiceRecordEntries_FinalMinutes",
                table: "ServiceRecordEntries",
                column: "VolunteerId",
                filter: "\"IsFinal\"")
                .Annotation("Npgsql:IndexInclude", new[] { "Minutes" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceRecordEntries_FinalMinutes",
                table: "ServiceRecordEntries");
        }
    }
}
