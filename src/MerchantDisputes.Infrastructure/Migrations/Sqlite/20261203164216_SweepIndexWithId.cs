using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MerchantDisputes.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SweepIndexWithId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Disputes_Status_DeadlineAt",
                table: "Disputes");

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_Status_DeadlineAt_Id",
                table: "Disputes",
                columns: new[] { "Status", "DeadlineAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Disputes_Status_DeadlineAt_Id",
                table: "Disputes");

            migrationBuilder.CreateIndex(
                name: "IX_Disputes_Status_DeadlineAt",
                table: "Disputes",
                columns: new[] { "Status", "DeadlineAt" });
        }
    }
}
